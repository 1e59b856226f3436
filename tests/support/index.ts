export { addUserWithPassword, CHROMIUM, launchChromium, PASSWORD, signIn } from './web-browser.js';
export { freePort } from './free-port.js';
export {
  orthancInstalled,
  startOrthanc,
  storeInOrthanc,
  type OrthancOptions,
  type OrthancServer,
  type OrthancStored,
} from './orthanc.js';
export {
  repositoryRoot,
  runStrata,
  startStrata,
  untilServing,
  STRATA_MAIN,
  type StrataProcess,
} from './strata-process.js';
export { syntheticSlice, type SyntheticSlice } from './synthetic-dicom.js';
export { graphqlAs, stowInto, type ServerAccess } from './server-requests.js';
