#pragma once

#include <QByteArray>
#include <QByteArrayView>

class QIODevice;
struct evp_md_ctx_st; // OpenSSL EVP_MD_CTX

namespace th::model {

/// SHA-256 through OpenSSL's libcrypto, which uses the CPU's SHA extensions: on the evidence sizes this
/// tool hashes (every file, every message, every attachment) Qt 6.4's portable QCryptographicHash
/// measured about 80 instructions per byte, several times slower than the whole MIME parse.
class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void addData(QByteArrayView data);
    /// Reads \a device from its current position to the end; false on a read error.
    [[nodiscard]] bool addData(QIODevice &device);
    /// Lower-case hex digest; the object cannot be used afterwards.
    [[nodiscard]] QByteArray hexResult();

    [[nodiscard]] static QByteArray hex(QByteArrayView data);

private:
    evp_md_ctx_st *m_ctx;
};

} // namespace th::model
