// ESLint for the site's own scripts, run from the repository root by tests/project/test_js_lint.py
// (with --config, patterns are relative to where it runs): theme/assets/javascripts/
// and the editor's checks. They are classic browser scripts (no modules, no build step).
import js from "@eslint/js";
import globals from "globals";

export default [
  {
    files: ["theme/assets/javascripts/*.js", "generator/editor/static/*.js"],
    ...js.configs.recommended,
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      // `module` only where a script hands its rules to the Node tests (typeof-guarded).
      globals: { ...globals.browser, CMS: "readonly", module: "readonly" },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
  },
];
