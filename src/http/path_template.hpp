// Path templates with typed parameters, as the route table writes them:
// "/api/v1/matters/{code}" (any one segment) and "/api/v1/measures/{id:int}" (digits only); a
// parameter may be followed by a literal suffix in its segment: "/api/v1/circulars/{id:int}.html".
// match() is pure; a compiled template is immutable and safe to share across threads.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace huiyin::http {

using PathParams = std::map<std::string, std::string, std::less<>>;

class PathTemplate {
 public:
  explicit PathTemplate(std::string_view tmpl);

  // Params by name when `path` matches; nullopt otherwise.
  std::optional<PathParams> match(std::string_view path) const;
  // The template as OpenAPI writes it: "{id:int}" becomes "{id}".
  std::string openapi_path() const;
  const std::string& text() const { return text_; }

 private:
  struct Segment {
    std::string literal;  // when not a param
    std::string param;    // param name, empty for a literal
    bool integer = false;
    std::string suffix;   // after the param, in the same segment ("{id:int}.html": ".html")
  };
  std::string text_;
  std::vector<Segment> segments_;
};

}  // namespace huiyin::http
