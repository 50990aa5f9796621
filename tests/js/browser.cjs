// Headless Debian Chromium driven by playwright-core: the one way tests open a browser.
// This machine has no internet, and as root Chromium needs --no-sandbox.
const { chromium } = require('playwright-core');

const executablePath = process.env.MLKG_CHROMIUM || '/usr/bin/chromium';

function launch() {
  return chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

module.exports = { launch };
