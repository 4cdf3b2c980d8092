"""Entry point for production servers: `app` and its `socketio`."""

from mixer import create_app
from mixer.background import start_rebalancer, start_sweeper
from mixer.extensions import socketio

app = create_app()
start_sweeper(app)
start_rebalancer(app)

__all__ = ["app", "socketio"]
