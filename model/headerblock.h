#pragma once

#include <QByteArrayView>
#include <QList>
#include <QStringList>

namespace th::model {

/// The top-level header block of a message, split into fields by RFC 5322 rules (folding included),
/// with the byte span of every field. It decides what is header and what is body; the MIME library
/// then only has to type the few fields that need structure.
class HeaderBlock
{
public:
    struct Field {
        QByteArrayView name;
        QByteArrayView raw; ///< the whole field: name, colon, value and folded lines, with line ends
        qint64 offset = 0;  ///< of raw within the message
        qsizetype valueStart = 0; ///< within raw, just after the colon

        [[nodiscard]] QByteArrayView value() const { return raw.sliced(valueStart); }
    };

    explicit HeaderBlock(QByteArrayView message);

    [[nodiscard]] const QList<Field> &fields() const { return m_fields; }
    [[nodiscard]] qint64 bodyOffset() const { return m_bodyOffset; }
    /// Lines in the header block that are neither a field nor a continuation.
    [[nodiscard]] const QStringList &problems() const { return m_problems; }

private:
    void addLine(QByteArrayView message, qint64 start, qint64 end);

    QList<Field> m_fields;
    qint64 m_bodyOffset = 0;
    QStringList m_problems;
    int m_unlistedProblems = 0;
};

} // namespace th::model
