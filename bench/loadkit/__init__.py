"""The parts of the load bench; bench/load.py is the command that puts them together.

- report: Markdown tables, percentiles, progress lines; run_header: the lines above them
- servers, databases, rig: the processes under test, and their lifetime in a scenario
- monitor: CPU and memory of the servers, the client side and the machine
- http_driver, crowd: who joins and how (setup joins, an open-loop steady rate)
- receipts, announce, join_phase: what the phones heard, and the measurements built on it
- health, pyspy, summary: server logs, --profile, and the verdict against the targets
- scenarios/: floor, one-worker, storm, 3000, two-workers, one module each

Modules import each other as `loadkit.…` and the phones as `swarm`: both need bench/ on
sys.path, as it is when bench/load.py runs.
"""
