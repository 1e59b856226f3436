// xhr2: XMLHttpRequest for Node, so browser DICOMweb clients (dicomweb-client) run in the suite.
declare module 'xhr2' {
  const XMLHttpRequest: unknown;
  export default XMLHttpRequest;
}
