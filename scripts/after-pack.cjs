// electron-builder afterPack hook (electron-builder.yml): flips the Electron fuses of the packed
// binary before it is signed and wrapped into installers. The fuse settings and the binary's
// path live in main/shell/fuses.ts (tested without Electron); this file only applies them.
'use strict';
require('tsx/cjs/api').register();
const { flipFuses, getCurrentFuseWire } = require('@electron/fuses');
const { electronBinaryPath, fusesFor } = require('../main/shell/fuses.ts');

/** @param {import('app-builder-lib').AfterPackContext} context */
exports.default = async function afterPack(context) {
  const platform = context.electronPlatformName;
  const binary = electronBinaryPath({
    platform,
    appOutDir: context.appOutDir,
    productFilename: context.packager.appInfo.productFilename,
    // Only the Linux packager names an executable; elsewhere the product file name is used.
    executableName: context.packager.executableName ?? context.packager.appInfo.productFilename,
  });
  const config = fusesFor(platform);
  await flipFuses(binary, config);
  // Read back: a fuse that did not take must stop the build, not ship.
  const wire = await getCurrentFuseWire(binary);
  for (const [index, wanted] of Object.entries(config)) {
    if (!/^\d+$/.test(index)) continue;
    const state = wire[index];
    // FuseState: 48 ('0') disabled, 49 ('1') enabled.
    if ((state === 49) !== wanted) throw new Error(`Electron fuse ${index} is ${state}, wanted ${wanted}: ${binary}`);
  }
  console.log(`  • fuses flipped  binary=${binary}`);
};
