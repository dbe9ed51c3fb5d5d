#pragma once

#include "headerblock.h"
#include "message.h"

#include <QHash>

namespace vmime {
class header;
class headerField;
}

namespace th::model {

/// Fills a Message's header-level fields: every field as written (from the HeaderBlock), and the
/// structured ones (addresses, dates) from vmime's typed parse of just those fields.
class HeaderReader
{
public:
    static constexpr qsizetype MaxReferences = 200;
    static constexpr qsizetype MaxInReplyTo = 20;

    HeaderReader(const HeaderBlock &block, const vmime::header &typed, Message &message);

    void read();

private:
    void readFields();
    void readIdentity();
    void readThreading();
    /// The message ids of \a field, at most \a max of them.
    [[nodiscard]] QStringList boundedIds(const QString &field, qsizetype max);
    void readDate();
    void checkSingletons();
    [[nodiscard]] QDateTime parseDate() const;
    [[nodiscard]] QString rawValue(const QString &lowerName) const;
    [[nodiscard]] const vmime::headerField *typedField(const char *lowerName) const;
    [[nodiscard]] AddressList addresses(const char *lowerName) const;

    const HeaderBlock &m_block;
    const vmime::header &m_typed;
    Message &m_msg;
    QHash<QString, qsizetype> m_first; ///< lower-case name -> index of its first field
    QHash<QString, int> m_counts;
};

} // namespace th::model
