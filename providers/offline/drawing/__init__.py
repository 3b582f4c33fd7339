"""The offline renderer's drawing code: figures per character type, scenes from background text, sheets, panels.

Every figure is drawn with flat palette fills and dark ink outlines on a transparent layer, so a sheet can show it
and a panel can composite it. All randomness comes from stable hashes, so the same input gives the same pixels.
"""
