#pragma once
// A small name table in the model's format, so that the entities tests do not
// depend on the shipped model.
#include "entities/names.hpp"

namespace newsdex::test {

inline const NameTables& tables() {
  static const NameTables t = NameTables::parse(
      "# kind\tform\tvalue\n"
      "alias\tUnited States\tUnited States\n"
      "alias\tUnited States of America\tUnited States\n"
      "alias\tUSA\tUnited States\n"
      "alias\tU.S.\tUnited States\n"
      "alias\tUS\tUnited States\n"
      "alias\tUnited Kingdom\tUnited Kingdom\n"
      "alias\tBritain\tUnited Kingdom\n"
      "alias\tUK\tUnited Kingdom\n"
      "alias\tIsrael\tIsrael\n"
      "alias\tRepublic of Türkiye\tTürkiye\n"
      "alias\tTürkiye\tTurkey\n"
      "alias\tIran\tIran\n"
      "alias\tNetherlands\tNetherlands\n"
      "alias\tGermany\tGermany\n"
      "alias\tCanada\tCanada\n"
      "alias\tIreland\tIreland\n"
      "title\tMr.\n"
      "title\tMr\n"
      "honorific\tMr\n"
      "honorific\tMr.\n"
      "honorific\tSir\n"
      "title\tSecretary\n"
      "title\tSecretary of State\n"
      "title\tForeign Minister\n"
      "title\tFirst Minister\n"
      "title\tPresident\n"
      "title\tFM\n"
      "peer\tLord\n"
      "honorific\tLord\n"
      "peer\tBaroness\n"
      "peer\tPrince\n"
      "demonym\tIsraeli\tIsrael\n"
      "demonym\tBritish\tUnited Kingdom\n"
      "demonym\tAmerican\tUnited States\n"
      "demonym\tGerman\tGermany\n"
      "demonym\tIrish\tIreland\n"
      "demonym\tAsian\tUnited States\n"
      "govbody\tState Department\tUnited States\n"
      "govbody\tForeign Office\tUnited Kingdom\n"
      "junk\tImage\n"
      "junk\tMay\n"
      "entity\torg\tConservative Party\tTories\n"
      "entity\torg\tConservative Party\tConservatives\n"
      "entity\torg\tConservative Party of Canada\tConservatives\n"
      "entity\torg\tLabour Party\tLabour\n"
      "entity\torg\tIrish Labour Party\tLabour\n"
      "entity\torg\tLiberal Democrats\tLib Dems\n"
      "entity\torg\tLiberal Democrats\tLib Dem\n"
      "entity\torg\tRepublican Party\tRepublican\n"
      "entity\torg\tDemocratic Party\tDemocrat\n"
      "entity\torg\tHM Treasury\tTreasury\n"
      "entity\torg\tFederal Reserve\tFed\n"
      "entity\torg\tBBC\tBritish Broadcasting Corporation\n"
      "entity\tplace\tArizona\tAriz.\n"
      "entity\tplace\tDowning Street\tNo 10\n"
      "entity\torg\tOscars\t-\n",
      "test tables");
  return t;
}

}  // namespace newsdex::test
