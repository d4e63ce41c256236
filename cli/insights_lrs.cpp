// Reading an LRS for `tessera insights --lrs URL`: the xAPI 1.0.3 statements resource, paged by its `more` links,
// through libcurl (Debian's libcurl4-openssl-dev; the CLI alone links it).
#include "insights_lrs.hpp"

#include <curl/curl.h>

#include <memory>

namespace tessera::cli::insights {

namespace {

std::size_t append(char* data, std::size_t size, std::size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

std::string escaped(CURL* curl, const std::string& text) {
  const std::unique_ptr<char, decltype(&curl_free)> out(
      curl_easy_escape(curl, text.c_str(), static_cast<int>(text.size())), &curl_free);
  return out ? std::string(out.get()) : std::string();
}

// `more` is an IRL relative to the LRS's origin (xAPI 1.0.3 §2.1.3), or absolute.
std::string resolve(const std::string& endpoint, const std::string& more) {
  if (more.find("://") != std::string::npos) return more;
  const std::size_t scheme = endpoint.find("://");
  const std::size_t path = endpoint.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  return endpoint.substr(0, path) + more;
}

// One GET: the body, or why not ("" error and the body when it answered 200).
std::string get(CURL* curl, const std::string& url, const std::string& authorization, std::string& body) {
  body.clear();
  curl_slist* raw = curl_slist_append(nullptr, "X-Experience-API-Version: 1.0.3");
  raw = curl_slist_append(raw, "Accept: application/json");
  if (!authorization.empty()) raw = curl_slist_append(raw, ("Authorization: " + authorization).c_str());
  const std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> headers(raw, &curl_slist_free_all);
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &append);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, 120L);
  if (const CURLcode code = curl_easy_perform(curl); code != CURLE_OK)
    return url + ": " + curl_easy_strerror(code) + "; check the address and that the LRS is reachable";
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  if (status == 401 || status == 403)
    return url + ": the LRS refused the credentials (HTTP " + std::to_string(status) +
           "); give --lrs-auth the Authorization value of a client allowed to read statements, e.g. 'Basic …'";
  if (status != 200) return url + ": the LRS answered HTTP " + std::to_string(status) + ": " + body.substr(0, 200);
  return {};
}

}  // namespace

std::string read_lrs(const std::string& endpoint, const std::string& authorization,
                     const std::vector<std::string>& activities,
                     const std::function<void(const nlohmann::json&)>& page) {
  const std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) return "cannot start libcurl";
  const std::string base = endpoint.ends_with('/') ? endpoint : endpoint + "/";
  for (const auto& activity : activities) {
    std::string url = base + "statements?activity=" + escaped(curl.get(), activity) + "&related_activities=true";
    while (!url.empty()) {
      std::string body;
      if (auto failure = get(curl.get(), url, authorization, body); !failure.empty()) return failure;
      const auto result = nlohmann::json::parse(body, nullptr, false);
      if (!result.is_object() || !result.value("statements", nlohmann::json()).is_array())
        return url + ": the answer is not an xAPI StatementResult ({statements, more})";
      page(result["statements"]);
      const std::string more = result.value("more", std::string());
      url = more.empty() ? std::string() : resolve(base, more);
    }
  }
  return {};
}

}  // namespace tessera::cli::insights
