#pragma once

#include "analysis/caseanalysis.h"

#include "model/mailstore.h"
#include "model/thread.h"

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QStringList>
#include <QTemporaryDir>

/// A case for engine tests, built from real mail in the corpora, optionally with messages derived from it
/// (a real message with a header changed, or a lure spliced above its body, as an attacker would do).
///
/// Typical usage:
/// \code
///   CaseFixture c;
///   c.addCorpus("lists/linux-s390_2023-02_to_2023-03.mbox");
///   QByteArray raw = c.rawMessage("lists/linux-s390_2023-02_to_2023-03.mbox", "<id@x>");
///   c.addMessage(CaseFixture::withHeader(raw, "From", "\"Jane\" <jane@evil.example>"));
///   c.analyse();
///   const th::analysis::Finding *a1 = c.finding("id@x", "A1");
/// \endcode
class CaseFixture
{
public:
    /// The real mailing-list corpora, relative to the corpora folder.
    static constexpr auto S390 = "lists/linux-s390_2023-02_to_2023-03.mbox";
    static constexpr auto Ksft = "lists/linux-kselftest_2023-03.maildir";
    static constexpr auto Usrp = "lists/usrp-users_2021-08_to_2021-09";

    explicit CaseFixture(th::analysis::CaseSettings settings = {});

    /// A file or folder relative to the corpora (or absolute).
    void addCorpus(const QString &path);
    /// A message written to a private temporary file, imported with the rest.
    void addMessage(const QByteArray &raw);
    void analyse();

    /// The raw bytes of the message with \a messageId (with or without angle brackets) in a corpora
    /// mbox, Maildir or .eml file; empty when absent.
    [[nodiscard]] static QByteArray rawMessage(const QString &path, const QString &messageId);
    /// \a raw with header \a name replaced (or added when missing). Folded continuation lines go too.
    [[nodiscard]] static QByteArray withHeader(const QByteArray &raw, const QByteArray &name, const QByteArray &value);
    /// \a raw without header \a name.
    [[nodiscard]] static QByteArray withoutHeader(const QByteArray &raw, const QByteArray &name);
    /// \a raw with \a text put above the first text/plain body (a single-part text/plain message).
    [[nodiscard]] static QByteArray withTextAbove(const QByteArray &raw, const QByteArray &text);
    /// \a raw with every occurrence of \a from in the body replaced by \a to.
    [[nodiscard]] static QByteArray withBodyReplaced(const QByteArray &raw, const QByteArray &from, const QByteArray &to);

    [[nodiscard]] const th::model::MailStore &store() const { return m_store; }
    [[nodiscard]] const th::analysis::CaseAnalysis &analysis() const { return m_analysis; }
    [[nodiscard]] const th::model::ThreadSet &threads() const { return m_threads; }
    /// Message-IDs of every stored message in the header thread that contains \a messageId.
    [[nodiscard]] QStringList threadOf(const QString &messageId) const;
    /// The stored message carrying \a messageId (no angle brackets), or -1. The last added wins on a collision.
    [[nodiscard]] int indexOf(const QString &messageId) const;
    [[nodiscard]] const th::analysis::MessageAnalysis &result(const QString &messageId) const;
    /// The strongest finding \a id on the message, or nullptr.
    [[nodiscard]] const th::analysis::Finding *finding(const QString &messageId, const QString &id) const;
    /// The strongest finding \a id of \a analysis, or nullptr.
    [[nodiscard]] static const th::analysis::Finding *strongest(const th::analysis::MessageAnalysis &analysis, QStringView id);
    /// The severity of \a f by name, "none" for no finding.
    [[nodiscard]] static QString severityName(const th::analysis::Finding *f);
    /// \a d as a Date header value.
    [[nodiscard]] static QByteArray rfcDate(const QDateTime &d);
    /// Every finding id on the message, e.g. "A1:strong B6:medium", for failure messages.
    [[nodiscard]] QString describe(const QString &messageId) const;
    /// The analysed body text of the message (what Evidence ranges index).
    [[nodiscard]] const QString &bodyText(const QString &messageId) const;

    [[nodiscard]] static QString corpus(const QString &path);
    /// The bytes of a file in the corpora (or absolute); empty when it cannot be read.
    [[nodiscard]] static QByteArray readFile(const QString &path);
    /// The messages of a corpora mbox by Message-ID (without brackets; the first of repeated ids wins),
    /// each without its "From " line.
    [[nodiscard]] static QHash<QString, QByteArray> mboxById(const QString &path);
    /// The five benign reference threads of corpora/README.md as QTest rows (corpus, root, size): for the
    /// _data function of every test that checks they stay quiet.
    static void referenceThreadRows();

private:
    th::analysis::CaseSettings m_settings;
    QStringList m_paths;
    QTemporaryDir m_dir;
    int m_written = 0;
    th::model::MailStore m_store;
    th::model::ThreadSet m_threads;
    th::analysis::CaseAnalysis m_analysis;
};
