"""Shared leaves every stage uses: problems with file:line (`errors`), Vietnamese dates,
words and site paths (`dates`, `wording`, `urls`), and safe writing (`safewrite`, `yamlwrite`)."""
