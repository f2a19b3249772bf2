/* eslint-disable no-undef */
// Build of the task pane (shared runtime page, also the ribbon FunctionFile). Shape of the yo office
// template: https dev server with office-addin-dev-certs, assets and manifest copied to dist/.
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const { productionBase, withBase } = require("./scripts/manifest-host");

const devPort = 3000;

async function getHttpsOptions() {
  const devCerts = require("office-addin-dev-certs");
  const httpsOptions = await devCerts.getHttpsServerOptions();
  return { ca: httpsOptions.ca, key: httpsOptions.key, cert: httpsOptions.cert };
}

module.exports = async (env, options) => {
  const dev = options.mode === "development";
  const serving = process.argv.some((a) => a === "serve");
  return {
    devtool: dev ? "source-map" : false,
    entry: {
      // One page serves the task pane, the ribbon commands and the custom functions (shared runtime);
      // its index.tsx registers the command handlers and imports the functions.
      taskpane: ["./src/taskpane/index.tsx"],
    },
    output: { path: path.resolve(__dirname, "dist"), filename: "[name].js", chunkFilename: "[name].[contenthash:8].js", clean: true },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [
        // ES modules for webpack (tsconfig.json's CommonJS is for jest and the CLI): lets it tree-shake
        // Fluent UI and split the pane's chunk from the first load.
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { configFile: "tsconfig.json", transpileOnly: true, compilerOptions: { module: "es2020" } } },
        },
        { test: /\.(png|jpg|jpeg|gif|ico)$/, type: "asset/resource", generator: { filename: "assets/[name][ext][query]" } },
      ],
    },
    plugins: [
      // functions.json from the JSDoc of the DC.* functions; its loader appends their associate calls.
      new CustomFunctionsMetadataPlugin({ input: "./src/functions/functions.ts", output: "functions.json" }),
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./src/taskpane/taskpane.html", chunks: ["taskpane"] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          // The production manifest points at the host the add-in is served from (scripts/manifest-host.js).
          { from: "manifest.xml", to: "manifest.xml", transform: (content) => (dev ? content : withBase(content, productionBase())) },
        ],
      }),
    ],
    // The first load (taskpane.js: custom functions, ribbon commands, the rules) has a budget; the pane's
    // chunk loads after registration. npm run bench checks the gzip size of the first load (≤ 300 KB).
    performance: dev
      ? { hints: false }
      : { hints: "error", maxEntrypointSize: 1200 * 1024, maxAssetSize: 4 * 1024 * 1024 },
    devServer: {
      headers: { "Access-Control-Allow-Origin": "*" },
      server: serving ? { type: "https", options: env.WEBPACK_BUILD || options.https !== undefined ? options.https : await getHttpsOptions() } : undefined,
      port: process.env.npm_package_config_dev_server_port || devPort,
    },
  };
};
