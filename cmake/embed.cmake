# Turns the files under share/data into one C++ source with their bytes, so the `huiyin` binary
# carries its default categories, calendar, deadline rules and demo city without files beside it.
# Invoked as: cmake -DOUT=... -DROOT=... -DFILES="a;b" -P embed.cmake
set(body "// Generated from share/data by cmake/embed.cmake. Do not edit.\n#include \"share/resources.hpp\"\n\nnamespace huiyin {\nnamespace {\n")
set(table "")
set(i 0)
string(REPLACE "|" ";" FILES "${FILES}")
foreach(f IN LISTS FILES)
  file(READ "${ROOT}/${f}" hex HEX)
  string(LENGTH "${hex}" n)
  math(EXPR bytes "${n} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," arr "${hex}")
  string(APPEND body "const char r${i}[] = {${arr} 0};\n")
  string(APPEND table "    {\"${f}\", std::string_view(r${i}, ${bytes})},\n")
  math(EXPR i "${i} + 1")
endforeach()
string(APPEND body "}  // namespace\n\nconst std::vector<Resource>& resources() {\n  static const std::vector<Resource> all = {\n${table}  };\n  return all;\n}\n\n}  // namespace huiyin\n")
file(WRITE "${OUT}.tmp" "${body}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
