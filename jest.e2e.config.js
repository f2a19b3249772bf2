/** Browser tests: the built task pane in Debian's Chromium (playwright-core) with a simulated Excel host. */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test/e2e"],
  testTimeout: 120000,
  transform: { "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
};
