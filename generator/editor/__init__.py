"""The web editor at /admin/: Decap CMS, configured from the content format's declaration.

`settings` checks where the editor saves (GitHub, or decap-server on this machine); `fields`
turns declared fields into form fields with the loader's own rules as patterns; `config` builds
the CMS configuration from the content (the tasks to choose from); `page` writes the admin page;
`files` names what /admin/ holds, including Decap's pinned bundle in `vendor/` and our checks in
`static/`. Pure: `files.add_editor` is a stage of `generator.site.render_site`.
"""
