// ApiTest: a fresh database on one backend and the real server running on it.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "api/api_session.h"
#include "support/http_client.h"
#include "support/server_process.h"
#include "support/test_database.h"

namespace concord::testing {

class ApiTest : public ::testing::TestWithParam<store::Backend> {
 protected:
  void SetUp() override {
    db_url_ = fresh_database_url(GetParam());
    add_user(db_url_, "root.operator", "CH", {"operator"});
    server_ = std::make_unique<ServerProcess>(db_url_);
    ASSERT_NE(server_->port(), 0);
    client_ = std::make_unique<HttpClient>("127.0.0.1", server_->port());
  }

  HttpResponse get(const std::string& target) { return client_->request("GET", target); }
  // POSTs as the operator, signed in (with a second factor) on first use.
  HttpResponse post(const std::string& target, const std::string& body) {
    return as(*client_, operator_session(), "POST", target, body);
  }
  const Session& operator_session() {
    if (!operator_session_) operator_session_ = sign_in(*client_, "root.operator");
    return *operator_session_;
  }
  static nlohmann::json json_of(const HttpResponse& response) {
    return nlohmann::json::parse(response.body, nullptr, false);
  }
  // The `field` of an error answer, or "" when there is none.
  static std::string error_field(const HttpResponse& response) {
    auto body = json_of(response);
    if (!body.contains("error") || !body["error"]["field"].is_string()) return "";
    return body["error"]["field"].get<std::string>();
  }

  std::string db_url_;
  std::unique_ptr<ServerProcess> server_;
  std::unique_ptr<HttpClient> client_;
  std::optional<Session> operator_session_;
};

inline std::string backend_name(const ::testing::TestParamInfo<store::Backend>& param) {
  return std::string(store::to_string(param.param));
}

}  // namespace concord::testing
