#pragma once

// What the sender-identity tests (A1-A10, tst_identityindicators and tst_originindicators) share: the real
// messages they name, helpers over raw mail and findings, and IdentityCorpus, the corpora they read.
#include "casefixture.h"

#include <QHash>
#include <QList>
#include <QString>

#include <memory>

namespace identity {

inline constexpr auto DevMailbox = "hijack-dev/mailbox.mbox";

// Reference thread 2 of corpora/README.md and two of its replies.
inline constexpr auto VfioRoot = "20230201192010.42748-1-mjrosato@linux.ibm.com";
inline constexpr auto KevinReply = "BN9PR11MB527649C5C0120F73DC8835528CD69@BN9PR11MB5276.namprd11.prod.outlook.com";
inline constexpr auto AlexReply = "20230201162730.685b5332.alex.williamson@redhat.com";
inline constexpr auto VirtioRoot = "20230321134410.2097163-1-viktor@daynix.com";
// A real usrp-users post that Mailman rewrote to "Tellrell White via USRP-users <usrp-users@...>".
inline constexpr auto ViaPost = "1196360689.69773.1628300602833@mail.yahoo.com";

// One line of hijack-dev/labels.jsonl.
struct Label {
    QString id;
    QString label;
    QString variant;
    QString spoofedName;
    QString spoofedAddress;
    QString attacker;
    QString auth;
};

// A manifest.tsv row of phishing_pot: the file and its flag columns.
struct ManifestRow {
    QString file;
    QHash<QString, QString> fields;
    [[nodiscard]] bool flag(const QString &name) const { return fields.value(name) == u"1"; }
};

// A manifest row and the index of its file's message in IdentityCorpus::phish().
struct ManifestMessage {
    const ManifestRow *row;
    int index;
};

const th::analysis::Evidence *headerEvidence(const th::analysis::Finding *f, QStringView name);
QString describe(const th::analysis::MessageAnalysis &a);
QByteArray headerBlock(const QByteArray &raw);
// \a raw with \a line added as the last header field (below every Received field: what the sender wrote).
QByteArray withHeaderAtBottom(const QByteArray &raw, const QByteArray &line);
// \a raw with \a line added as the first header field (what the receiving server writes).
QByteArray withHeaderOnTop(const QByteArray &raw, const QByteArray &line);
QByteArray encodedWord(const QString &text);
// manifest.tsv is a tab-separated file whose quoted fields may hold newlines.
QList<ManifestRow> readManifest(const QString &path);
// The address part of a header value such as "Name <a@b>" or "<a@b>" or "a@b".
QString addressIn(const QString &value);
// Both domains are the same or one is a subdomain of the other: aligned under any definition.
bool nested(const QString &a, const QString &b);

/// hijack-dev with its labels and organisation settings, kselftest and phishing_pot (analysed on first use),
/// phishing_pot's manifest, and the s390 archive by Message-ID, from which cases are derived the way an
/// attacker would change a real reply. The test classes derive from it and call load() in initTestCase().
class IdentityCorpus
{
protected:
    void load();
    CaseFixture &dev();
    CaseFixture &ksft();
    CaseFixture &phish();
    /// The manifest rows whose file phishing_pot holds, with the file's message in phish().
    QList<ManifestMessage> manifestMessages();
    QByteArray s390(const QString &id) const;
    QStringList s390Thread(const QString &root) const;
    QStringList s390From(const QString &address) const;
    /// A case of the given real s390 messages plus \a extra, analysed.
    std::unique_ptr<CaseFixture> derivedCase(const QStringList &ids, const QList<QByteArray> &extra, const th::analysis::CaseSettings &settings = {}) const;
    /// Kevin Tian's real reply in the vfio thread, re-dated and given a Message-ID of the same shape, with \a header set.
    QByteArray kevin(const QByteArray &id) const;

    QList<Label> m_labels;
    QHash<QString, QString> m_labelOf; ///< Message-ID -> label (real ids that repeat are all clean)
    th::analysis::CaseSettings m_devSettings;
    QHash<QString, QByteArray> m_s390;
    QList<ManifestRow> m_manifest;
    std::unique_ptr<CaseFixture> m_dev, m_ksft, m_phish;
};

} // namespace identity
