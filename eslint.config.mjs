// The linter: ESLint's and typescript-eslint's recommended rules, and a line-length limit for what the formatter
// (Prettier, .prettierrc.json) cannot wrap: comments. `npm run lint` checks; `npm test` runs it.
import js from "@eslint/js";
import stylistic from "@stylistic/eslint-plugin";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "build/",
      "dist/",
      "cdktf.out/",
      "lines/*/node_modules/",
      "lines/*/.install-*/",
      "lines/cdktn/flavour/",
      "bench/node_modules/",
      "**/*.d.ts",
      "coverage/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { "@stylistic": stylistic },
    rules: {
      // Prettier keeps code within 120 columns; a string, a template or a regular expression is kept whole (an
      // error message split over lines is harder to grep for), a comment is wrapped by hand.
      "@stylistic/max-len": [
        "error",
        { code: 120, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true, ignoreUrls: true },
      ],
      // Unused arguments named with a leading _ keep a callback's shape.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
    },
  },
  {
    // Node scripts and configs are CommonJS.
    files: ["**/*.js"],
    languageOptions: {
      sourceType: "commonjs",
      globals: {
        require: "readonly",
        module: "writable",
        process: "readonly",
        __dirname: "readonly",
        __filename: "readonly",
        console: "readonly",
      },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // Tests read synthesized JSON, whose shape is AWS's, and load CommonJS helpers.
    files: ["__tests__/**/*.ts", "bench/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off", "@typescript-eslint/no-require-imports": "off" },
  },
);
