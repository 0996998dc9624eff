"""What the law asks a commune's site to publish about itself: the list of the information it
publishes (Luật Tiếp cận thông tin 2016, art. 19(1)(g)), how to ask for information (art.
19(1)(đ)), and the English pages (Nghị định 42/2022). Model and outputs in, pages and data out.
"""
