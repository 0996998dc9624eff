"""The content format, declared once: each record of `content/`, where it lives, the values
some fields take, and the vocabulary the declaration is written in."""
