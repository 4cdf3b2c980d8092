"""Entry point for production servers: `app` and its `socketio`."""

from mixer import create_app
from mixer.infra.extensions import socketio
from mixer.run.background import start_rebalancer, start_sweeper

app = create_app()
start_sweeper(app)
start_rebalancer(app)

__all__ = ["app", "socketio"]
