"""A province of wards: many ward sites built at once, incrementally, the province portal, and
what a province's repository and CI need around them.

provincefile.py   province.yaml → the wards and where their content lies (validated)
keys.py           what a ward's site is made of, as one SHA-256 (content, git, generator)
manifest.py       the state of the last good builds, kept beside the site, never in it
shards.py         the wards shared out over the jobs of a CI matrix (`--shard K/N`)
digest.py         a ward's model → the little the portal shows of it (pure)
wardparts.py      a ward's part of the province's open data, made when the ward is built
worker.py         one ward, in a worker process: load, digest, `generator build`
distinct.py       what tells the wards apart: their codes and their names
build_all.py      `python -m generator build-all`: the recipe of all the above
portal.py portal_data.py   the digests → the portal's page, search, data and feed (pure)
templating.py     the portal page's Jinja environment (its templates compiled into the wheel)
templates/ static/         the portal's page template, stylesheet and scripts
publish.py        `python -m generator publish`: the built site to object storage (rclone)
scope.py          `python -m generator check-scope`: a change stays in its ward's scope
"""
