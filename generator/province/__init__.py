"""A province of wards: many ward sites built at once, incrementally, and the province portal.

provincefile.py   province.yaml → the wards and where their content lies (validated)
keys.py           what a ward's site is made of, as one SHA-256 (content, git, generator)
manifest.py       the keys of the last good builds, kept with the output
digest.py         a ward's model → the little the portal shows of it (pure)
worker.py         one ward, in a worker process: load, digest, `generator build`
build_all.py      `python -m generator build-all`: the recipe of all the above
portal.py portal_data.py   the digests → the portal's page, search, data and feed (pure)
"""
