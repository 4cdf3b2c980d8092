"""What Mixer runs on: settings, the shared extension objects, the solver process, the
claims several workers agree on, letting the gevent loop run, and sparing logs.

Knows no domain rule, no use case and no request; see docs/architecture.md.
"""
