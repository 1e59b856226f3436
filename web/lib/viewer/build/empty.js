// What `fs` and `path` resolve to in the browser: the Emscripten codecs of
// @cornerstonejs/dicom-image-loader only require them when running under Node.
export default {};
