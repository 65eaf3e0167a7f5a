import CCrypto
import Foundation

/// SHA-256 and HMAC-SHA256 (public for the client layer, which hashes payloads once) through OpenSSL's one-shot functions (the streaming `*_Init` API is
/// deprecated in OpenSSL 3, and signing only ever hashes whole buffers).
public enum Hashing {
    public static func sha256<Bytes: ContiguousBytes>(_ data: Bytes) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        data.withUnsafeBytes { buffer in
            digest.withUnsafeMutableBufferPointer { out in
                _ = SHA256(buffer.baseAddress?.assumingMemoryBound(to: UInt8.self), buffer.count, out.baseAddress)
            }
        }
        return digest
    }

    public static func hmacSHA256<Key: ContiguousBytes, Bytes: ContiguousBytes>(key: Key, _ data: Bytes) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        key.withUnsafeBytes { keyBuffer in
            data.withUnsafeBytes { dataBuffer in
                digest.withUnsafeMutableBufferPointer { out in
                    _ = HMAC(
                        EVP_sha256(), keyBuffer.baseAddress, Int32(keyBuffer.count),
                        dataBuffer.baseAddress?.assumingMemoryBound(to: UInt8.self), dataBuffer.count,
                        out.baseAddress, &length)
                }
            }
        }
        return Array(digest.prefix(Int(length)))
    }

    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Hex SHA-256, as the canonical request's last line and the string to sign want it.
    public static func hexSHA256(_ data: Data) -> String { hex(sha256(data)) }
}
