"""The domain: Mixer's tables and the rules that need no request, no push and no engine.

Models, the domain's refusals (errors), secret tokens, the topic vocabularies, what is
personal, and the pure file formats (CSV, vCard, the QR). Imports only the engine and
`mixer.infra`; see docs/architecture.md.
"""
