import Foundation

/// The standard proxy variables, read from the environment the session was given (not from
/// libcurl's own look-up, which ignores upper-case `HTTP_PROXY` and cannot see an injected
/// environment): `https_proxy`/`HTTPS_PROXY` for https, `http_proxy`/`HTTP_PROXY` for http,
/// `no_proxy`/`NO_PROXY` for exceptions. Lower case wins, as in curl and Python's requests.
public struct ProxySettings: Sendable, Equatable {
    public var httpProxy: String?
    public var httpsProxy: String?
    public var noProxy: String?

    public init(httpProxy: String? = nil, httpsProxy: String? = nil, noProxy: String? = nil) {
        self.httpProxy = httpProxy
        self.httpsProxy = httpsProxy
        self.noProxy = noProxy
    }

    public init(environment: [String: String]) {
        func value(_ name: String) -> String? {
            let found = environment[name.lowercased()] ?? environment[name.uppercased()]
            return found?.isEmpty == false ? found : nil
        }
        self.init(httpProxy: value("http_proxy"), httpsProxy: value("https_proxy"), noProxy: value("no_proxy"))
    }

    /// The proxy for `url`, or `nil` to connect directly (libcurl applies `noProxy` itself).
    func proxy(for url: URL) -> String? {
        url.scheme?.lowercased() == "https" ? httpsProxy : httpProxy
    }
}
