"""The web editor at /admin/: Decap CMS, configured from the content format's declaration.

`settings` reads where the editor saves (GitHub, or decap-server on this machine); `fields`
turns declared fields into form fields; `config` builds the CMS configuration from the content
(the task list to choose from); `page` writes the admin page; `bundle` names the pinned Decap
files vendored in `vendor/`. Pure: the engine layer (`generator.engine.admin`) adds the files.
"""
