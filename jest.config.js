/** Unit tests: rules, table finder, Excel adapter (office-addin-mock), CLI. Browser tests run separately (test/e2e). */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testPathIgnorePatterns: ["/node_modules/", "/test/e2e/"],
  transform: { "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json" }] },
  // office-addin-mock needs only the OfficeApp enum of office-addin-manifest, whose main entry pulls in
  // ES-module-only packages that jest cannot load: point it at the enum's own CommonJS file.
  moduleNameMapper: { "^office-addin-manifest$": "<rootDir>/node_modules/office-addin-manifest/lib/officeApp.js" },
};
