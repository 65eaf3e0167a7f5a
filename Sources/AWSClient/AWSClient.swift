public enum AWSClientPlaceholder {}
