#include "message.h"

namespace th::model {

QString Message::header(QStringView name) const
{
    for (const HeaderField &f : headers) {
        if (f.name.compare(name, Qt::CaseInsensitive) == 0)
            return f.value;
    }
    return {};
}

} // namespace th::model
