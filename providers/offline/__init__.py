"""The offline providers, the defaults: no key, no network, and the same input always gives the same output.

The storyteller (`storyteller.OfflineStoryteller`) writes a story from the prompt (`prompt`, `plan`, `writer`) and
reads any story text back into characters (`sentences`, `mentions`, `profiles`) and panels (`panels`); its
vocabulary and prose pools are data files in `data/` (`lexicon`, `world` load them).
"""
