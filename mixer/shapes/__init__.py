"""The contract's shapes (SPEC's Event, Introduction, Me, Stats…) and the presenters that
turn rows into them, for the API and the pushes alike. No queries, no commits.

`fields` (the value types), `inputs` (the bodies the API and the forms take), the nouns
`event`, `people`, `introduction` and `stats`, and `presenters`. The answers' wrappers
(`{"event": …}`) are the web layer's (`mixer.web.envelopes`); the rules about topics are
the domain's (`mixer.domain.topic_rules`).
"""
