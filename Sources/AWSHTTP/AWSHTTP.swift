/// The AWSHTTP module; see its files.
enum AWSHTTPModule {}
