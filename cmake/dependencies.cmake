# Every dependency is a Debian 12 package installed by scripts/setup.
find_package(Threads REQUIRED)
find_package(Boost 1.74 REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(CLI11 REQUIRED)
find_package(tomlplusplus REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(PostgreSQL REQUIRED)
find_package(ICU REQUIRED COMPONENTS uc i18n)
find_package(roaring REQUIRED)  # CRoaring: compressed bitmaps for the marking index filters
find_package(date REQUIRED)  # Howard Hinnant's date: IANA time zones for tracing due dates
find_package(PkgConfig REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
if(CONCORD_TESTS)
  find_package(GTest REQUIRED)
endif()

set(CONCORD_ISO_CODES_DIR "/usr/share/iso-codes/json" CACHE PATH "Debian iso-codes JSON directory")
find_package(OpenSSL REQUIRED)  # HMAC-SHA1 for TOTP (RFC 6238), which libsodium lacks
