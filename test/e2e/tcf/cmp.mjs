// A minimal TCF v2.2 CMP for the tests, built on the IAB reference packages: @iabtcf/cmpapi
// answers __tcfapi, @iabtcf/core encodes and decodes the TC string. Bundled for the page by
// test/e2e/support/iabtcf.ts (rollup + node-resolve), with @iabtcf/stub loaded before it.
import { CmpApi } from '@iabtcf/cmpapi';
import { GVL, TCModel, TCString } from '@iabtcf/core';

window.iabtcf = { CmpApi, GVL, TCModel, TCString };
