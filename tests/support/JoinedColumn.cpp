#include "JoinedColumn.h"

#include "store/Database.h"
#include "store/Statement.h"

namespace AlertGate::Test {

std::string joinedColumn(Database& db, const std::string& sql)
{
    Statement query = db.prepare(sql);
    std::string all;
    while (query.step())
        all += (all.empty() ? "" : ",") + query.text(0);
    return all;
}

} // namespace AlertGate::Test
