// The client layer's public API uses the signer's value types (`Credentials`, `HTTPHeader`);
// re-export them so that `import AWSClient` is all a caller needs.
@_exported import SigV4
