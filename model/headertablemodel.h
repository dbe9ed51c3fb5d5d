#pragma once

#include "message.h"
#include "recordtablemodel.h"

namespace th::model {

/// A message's header fields in their original order: name, decoded value.
class HeaderTableModel : public RecordTableModel<HeaderField>
{
    Q_OBJECT
public:
    enum Column { NameColumn, ValueColumn };
    enum Roles { OffsetRole = Qt::UserRole + 1 }; ///< qint64: where the field starts in the raw message

    using RecordTableModel::RecordTableModel;

    void setMessage(const Message &message);

protected:
    QStringList columnTitles() const override;
    QVariant display(const HeaderField &f, int column) const override;
    QVariant roleData(const HeaderField &f, int role) const override;

private:
    Message m_header; ///< only the header block and its field index are kept
};

} // namespace th::model
