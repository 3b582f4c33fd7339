"""Text fitting breaks a word only when it is wider than any line of its area could be."""

from comics import fonts, textfit

TEXTS = ["Adventures are for people in stories.", "Tomorrow, who knows? Extraordinary lighthouse keepers."]


def test_words_break_only_when_no_line_of_the_area_could_hold_them() -> None:
    # Balloons seen on a composed page read "Adventur / es are for people": balancing narrowed the lines until a
    # word had to break, though the balloon's middle line held it whole. That is the case counted here.
    size = 24
    fitted_whole = 0
    for text in TEXTS:
        words = text.split()
        for a in range(40, 260, 6):
            for b in range(20, 140, 6):
                area = textfit.EllipseArea(a, b)
                fitted = textfit.fit_in(textfit.tokens(text), size, area)
                half = textfit.line_height(size) / 2
                if fitted is None or max(fonts.width(w, size) for w in words) > area.band_width(-half, half):
                    continue
                assert " ".join(fitted.lines).split() == words, (a, b, fitted.lines)
                fitted_whole += 1
    assert fitted_whole > 500  # the grid really exercises areas that hold the words
