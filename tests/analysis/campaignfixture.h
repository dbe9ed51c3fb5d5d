#pragma once

// What the campaign indicator tests (tst_campaignindicators, tst_reuseclusters) share: hijack-dev's labels,
// real kselftest threads used as stolen conversations, messages written around real text the way an attacker
// or a victim's client sends them, and CampaignCorpus, the cases they read.
#include "casefixture.h"

#include "analysis/minhash.h"

#include "model/mailstore.h"
#include "model/thread.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace campaign {

inline const QString HijackDev = QStringLiteral("hijack-dev/mailbox.mbox");
inline const QString Kselftest = QStringLiteral("lists/linux-kselftest_2023-03.maildir");

// Threads of the kselftest archive used as stolen conversations (all text/plain, every message present).
inline const QString TunThread = QStringLiteral("a0734a6b-9491-b43a-6dff-4d3498faee2e@alu.unizg.hr");        // 8 msgs, README thread 4
inline const QString FirmwareThread = QStringLiteral("97e284be-5018-9d18-feb2-7ec4b08c06fd@alu.unizg.hr");  // 5 msgs
inline const QString SigaltstackThread = QStringLiteral("CA+G9fYsi3OOu7yCsMutpzKDnBMAzJBCPimBp86LhGBa0eCnEpA@mail.gmail.com"); // 5 msgs
inline const QString L2tpThread = QStringLiteral("ZCQt7hmodtUaBlCP@righiandr-XPS-13-7390");                 // 4 msgs

// One label line of hijack-dev/labels.jsonl.
struct Label {
    int index = -1;
    QString messageId, label, reuseGroup, campaignGroup, authenticFirstLine, baseMessageId;
};

QList<Label> readLabels();

// A real mail archive read with the model only (no analysis): the source of real threads and bodies.
struct Library {
    th::model::MailStore store;
    th::model::ThreadSet threads;

    int indexOf(const QString &id) const
    {
        const QList<int> hits = store.byId(id);
        return hits.isEmpty() ? -1 : hits.first();
    }
    const th::model::Message &message(const QString &id) const
    {
        const int i = indexOf(id);
        if (i < 0)
            qFatal("no message %s in the library", qPrintable(id));
        return store.message(i);
    }
    /// The evidence files of every message in the thread of \a id (a Maildir has one file per message).
    QStringList threadFiles(const QString &id) const
    {
        QStringList out;
        const int thread = threads.threadOfMessage.value(indexOf(id), -1);
        if (thread < 0)
            return out;
        for (int m : threads.threads[thread].messageIndexes())
            out << store.sources()[store.message(m).source.fileIndex].path;
        return out;
    }
    QStringList threadIds(const QString &id) const
    {
        QStringList out;
        const int thread = threads.threadOfMessage.value(indexOf(id), -1);
        if (thread >= 0) {
            for (int m : threads.threads[thread].messageIndexes())
                out << store.message(m).messageId;
        }
        return out;
    }
};


// A message written from scratch around real text, as the attacker's or the victim's client would send it.
struct Mail {
    QByteArray messageId; // without brackets
    QByteArray from, to, cc, subject;
    QDateTime date;
    QByteArray inReplyTo;  // without brackets
    QByteArray references; // with brackets, space separated
    QByteArray mailerHeader = "X-Mailer";
    QByteArray mailer;
    QString body;
    struct Part {
        QByteArray fileName, mimeType, content;
    };
    QList<Part> attachments;

    QByteArray raw() const
    {
        QByteArray h;
        const auto add = [&h](const QByteArray &name, const QByteArray &value) {
            if (!value.isEmpty())
                h += name + ": " + value + '\n';
        };
        add("Message-ID", '<' + messageId + '>');
        add("Date", CaseFixture::rfcDate(date));
        add("From", from);
        add("To", to);
        add("Cc", cc);
        add("Subject", subject);
        add("In-Reply-To", inReplyTo.isEmpty() ? QByteArray() : '<' + inReplyTo + '>');
        add("References", references);
        add(mailerHeader, mailer);
        h += "MIME-Version: 1.0\n";
        const QByteArray text = body.toUtf8();
        if (attachments.isEmpty())
            return h + "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n" + text + '\n';
        const QByteArray boundary = "----=_Part_" + QByteArray::number(qHash(messageId), 16);
        QByteArray out = h + "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\n\n";
        out += "--" + boundary + "\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n" + text + '\n';
        for (const Part &p : attachments) {
            out += "--" + boundary + "\nContent-Type: " + p.mimeType + "; name=\"" + p.fileName + "\"\n"
                   "Content-Disposition: attachment; filename=\"" + p.fileName + "\"\nContent-Transfer-Encoding: base64\n\n"
                   + p.content.toBase64() + '\n';
        }
        return out + "--" + boundary + "--\n";
    }
};

// The bytes of a tiny archive: an empty zip (end-of-central-directory record only).
QByteArray tinyZip();

Mail::Part zip(const QByteArray &name);

QString quoted(const QString &text);

QString firstName(const QString &displayName);

QByteArray address(const th::model::MailAddress &a);

// A copy of real message \a m with a lure above it, from an outside sender, as an external hijack sends it:
// "RE:" subject, no In-Reply-To, the stolen text pasted below the lure (splice style a-plain), or under a
// fabricated Outlook block without addresses (b-outlook-block).
Mail externalCopy(const th::model::Message &m, const QByteArray &from, const QByteArray &id, int days, const QString &lure, bool outlookBlock = false);

// A proper reply to real message \a parent: attribution, ">"-quoted copy, In-Reply-To and References.
Mail reply(const th::model::Message &parent, const QByteArray &from, const QByteArray &id, const QDateTime &date, const QString &text);

bool hasFinding(const th::analysis::MessageAnalysis &a, const char16_t *id);

// The E finding of the burst form (one sender, one lure, three threads, one hour), as opposed to the
// per-message E of VictimHijack. The burst names the number of threads and the hour.
bool hasBurst(const th::analysis::MessageAnalysis &a);

bool isHijack(const th::analysis::Verdict &v);

// Exact Jaccard of two sorted distinct hash sets, computed here rather than by the code under test.
double exactJaccard(const std::vector<quint64> &a, const std::vector<quint64> &b);

// P(a pair with Jaccard j shares at least one of b bands of r rows) = 1 - (1 - j^r)^b.
double candidateProbability(double j);

bool sharesBucket(const th::analysis::MinHash::Signature &a, const th::analysis::MinHash::Signature &b);

/// The real kselftest archive (as a Library) and hijack-dev, analysed with its organisation settings and
/// labels. The test classes derive from it and call load() in initTestCase().
class CampaignCorpus
{
protected:
    void load();
    /// A case of the real threads of \a threadRoots plus \a added, analysed.
    CaseFixture fixtureWithThreads(const QStringList &threadRoots, const QList<Mail> &added, const QStringList &organisation = {}) const;

    Library m_lib;
    CaseFixture m_dev{[] {
        th::analysis::CaseSettings s;
        s.organisationDomains = {QStringLiteral("ettus.com"), QStringLiteral("ni.com"), QStringLiteral("ibm.com")}; // dataset.json
        return s;
    }()};
    QList<Label> m_labels;
    QHash<QString, Label> m_labelById;
};

} // namespace campaign
