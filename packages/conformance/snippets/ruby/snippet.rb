require 'openssl'
body = '{"room_id":"room01"}'
secret = 'SECRET'
digest = OpenSSL::Digest.new('sha256')
signature = OpenSSL::HMAC.hexdigest(digest, secret, body)
