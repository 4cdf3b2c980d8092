"""The contract's shapes (SPEC's Event, Introduction, Me, Stats…) and the presenters that
turn rows into them, for the API and the pushes alike. No queries, no commits.
"""
