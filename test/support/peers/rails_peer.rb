# Rails 6.1's ActiveSupport (MessageVerifier, MessageEncryptor, KeyGenerator), set up
# as ActionDispatch's cookie jars set it up, driven by the auditor's tests (JSON in, JSON out).
require "json"
require "uri"
require "openssl"
require "active_support"
require "active_support/json"
require "active_support/key_generator"
require "active_support/message_verifier"
require "active_support/message_encryptor"

req = JSON.parse($stdin.read)
skb = req["secret"]
name = req["name"]
null = ActiveSupport::MessageEncryptor::NullSerializer

key = lambda do |salt, len|
  if req["kdf"] == "sha256"
    OpenSSL::PKCS5.pbkdf2_hmac(skb, salt, 1000, len, OpenSSL::Digest::SHA256.new) # Rails 7's key_generator_hash_digest_class
  else
    ActiveSupport::KeyGenerator.new(skb, iterations: 1000).generate_key(salt, len)
  end
end

codec =
  case req["kind"]
  when "signed" then ActiveSupport::MessageVerifier.new(key.call("signed cookie", 64), digest: "SHA1", serializer: null)
  when "encrypted" then ActiveSupport::MessageEncryptor.new(key.call("authenticated encrypted cookie", 32), cipher: "aes-256-gcm", serializer: null)
  when "encrypted-cbc" then ActiveSupport::MessageEncryptor.new(key.call("encrypted cookie", 32), key.call("signed encrypted cookie", 64), cipher: "aes-256-cbc", digest: "SHA1", serializer: null)
  end
purpose = req["kind"] == "encrypted-cbc" ? nil : "cookie.#{name}" # 4.x-5.1 cookies carry no purpose

if req["op"] == "sign"
  json = ActiveSupport::JSON.encode(req["payload"])
  value = req["kind"] == "signed" ? codec.generate(json, purpose: purpose) : codec.encrypt_and_sign(json, purpose: purpose)
  puts JSON.generate({ "cookie" => URI.encode_www_form_component(value) })
else
  value = URI.decode_www_form_component(req["cookie"])
  out = req["kind"] == "signed" ? codec.verified(value, purpose: purpose) : (codec.decrypt_and_verify(value, purpose: purpose) rescue nil)
  puts JSON.generate({ "value" => out.nil? ? nil : JSON.parse(out) })
end
