// The Office add-in Prettier config, at the 120 columns of the conventions.
module.exports = { ...require("office-addin-prettier-config"), printWidth: 120, trailingComma: "all" };
