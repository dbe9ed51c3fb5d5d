#pragma once

// What the thread-structure indicator tests (tst_structureindicators B1-B4/B9, tst_historyindicators B5-B10,
// C1 and benign mail) share: the real messages they name, helpers that derive messages from real ones, and
// StructureCorpus, hijack-dev analysed with its labels and the list archives the derived cases come from.
#include "casefixture.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

#include <functional>
#include <memory>

namespace structure {

// Reference thread 2 of corpora/README.md: the root patch, Alex Williamson's reply quoting it, Kevin Tian's
// Outlook reply (quoted "> From: / > Sent:" header) and the message Kevin replied to.
inline constexpr auto VfioRoot = "20230201192010.42748-1-mjrosato@linux.ibm.com";
inline constexpr auto AlexReply = "20230201162730.685b5332.alex.williamson@redhat.com";
inline constexpr auto KevinReply = "BN9PR11MB527649C5C0120F73DC8835528CD69@BN9PR11MB5276.namprd11.prod.outlook.com";
inline constexpr auto YiParent = "DS0PR11MB75298437F96D08758DB92368C3D69@DS0PR11MB7529.namprd11.prod.outlook.com";
inline constexpr auto VirtioRoot = "20230321134410.2097163-1-viktor@daynix.com";
// An IBM-internal exchange on the list: Janosch Frank answering Nico Boehr.
inline constexpr auto JanoschReply = "8754aab3-1b4a-d48e-cf30-081fe720583c@linux.ibm.com";
inline constexpr auto NicoParent = "167627590762.7662.2548443744874886411@t14-nrb.local";
// Janosch Frank's last Thunderbird reply ("On ..., X wrote:"), from the sender with 40 such replies.
inline constexpr auto JanoschLast = "0377f8c1-d5d7-04e4-8653-1289d190b955@linux.ibm.com";
// usrp-users reference thread 5: an Outlook top-post (Mon 9 Aug) quoting the history back to Fri 6 Aug,
// its parent and a later message of the thread (Tue 10 Aug) with text of its own.
inline constexpr auto TobinUpdate = "BN7PR05MB4500AA5AAC12664AB2D8E87CD5F69@BN7PR05MB4500.namprd05.prod.outlook.com";
inline constexpr auto TobinParent = "BN7PR05MB45009AF50E6C4419B7D2837DD5F69@BN7PR05MB4500.namprd05.prod.outlook.com";
inline constexpr auto TobinLater = "BN7PR05MB4500466BB13226803348260AD5F79@BN7PR05MB4500.namprd05.prod.outlook.com";

// One line of hijack-dev/labels.jsonl.
struct Label {
    int index = -1;
    QString id, label, style, inReplyTo, authenticFirstLine, spoofedAddress;
    QStringList stripped;
    double gapDays = -1;
    [[nodiscard]] bool hijack() const { return label.endsWith(u"-thread-hijack"); }
    [[nodiscard]] bool hardNegative() const { return label.startsWith(u"benign-"); }
};



const th::analysis::Evidence *evidenceOf(const th::analysis::Finding *f, th::analysis::Evidence::Kind kind);

// A line without quote marks and surrounding blanks: how the labels' authentic_first_line is compared.
QString unmarked(QString line);


// A copy of \a raw as another message: a new Message-ID (the engine keys on it) and optionally a new date.
QByteArray asNew(const QByteArray &raw, const QByteArray &id, const QDateTime &date = {});

// \a raw as delivered directly, not through the list (list traffic is exempt from some checks).
QByteArray offList(QByteArray raw);


/// hijack-dev analysed with its labels and organisation settings, and the s390 and usrp-users archives by
/// Message-ID. The test classes derive from it and call load() in initTestCase().
class StructureCorpus
{
protected:
    void load();
    QByteArray s390(const QString &id);
    QByteArray usrp(const QString &id);
    /// A case of real messages (by id, from s390 or usrp-users) plus derived ones, analysed.
    /// The vfio root patch pasted whole under a lure from an outside address (splice style a-plain), as \a id.
    QByteArray pastedUnderLure(const QByteArray &id);
    std::unique_ptr<CaseFixture> caseOf(const QList<QByteArray> &raws, const th::analysis::CaseSettings &settings = {}) const;
    /// The labelled messages of hijack-dev that \a keep selects.
    QList<Label> labelled(const std::function<bool(const Label &)> &keep) const;
    const th::analysis::MessageAnalysis &devResult(const Label &l) const { return m_dev->analysis().messages[l.index]; }
    const th::analysis::Finding *devFinding(const Label &l, const QString &id) const;
    QString devDescribe(const Label &l) const { return l.id + u' ' + l.label + u' ' + l.style + u' ' + m_dev->describe(l.id); }

    QList<Label> m_labels;
    th::analysis::CaseSettings m_devSettings;
    std::unique_ptr<CaseFixture> m_dev;
    QHash<QString, QByteArray> m_s390; ///< the s390 archive by Message-ID
    QHash<QString, QByteArray> m_raw;  ///< usrp-users messages fetched so far, by Message-ID
};

} // namespace structure
