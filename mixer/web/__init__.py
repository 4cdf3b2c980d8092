"""The faces: the JSON API, the pages, the console, downloads, the PWA files, health, and
incoming Socket.IO, with their HTTP plumbing (who is asking, limits, headers, forms, the
OpenAPI document, hosts, error pages). Each view parses, calls one use case, renders.
"""
