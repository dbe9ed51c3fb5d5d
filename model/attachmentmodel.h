#pragma once

#include "attachment.h"
#include "recordtablemodel.h"

namespace th::model {

/// A message's attachments: name, MIME type, decoded size, SHA-256. Nothing is ever opened.
class AttachmentModel : public RecordTableModel<Attachment>
{
    Q_OBJECT
public:
    enum Column { NameColumn, TypeColumn, SizeColumn, Sha256Column };

    using RecordTableModel::RecordTableModel;

protected:
    QStringList columnTitles() const override;
    QVariant display(const Attachment &a, int column) const override;
};

} // namespace th::model
