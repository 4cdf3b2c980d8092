"""How Mixer runs: the `mixer` command, the gevent server, the passes beside requests and
the demo crowd. The top of the house: it may import anything below it.
"""
