"""Password rules stated in Chinese. Django's zh-hans catalogue leaves the minimum-length message untranslated, so the
rule a user must meet would come in English; this validator states it (and its help text) in Chinese."""

from django.contrib.auth.password_validation import MinimumLengthValidator
from django.core.exceptions import ValidationError


class ChineseMinimumLengthValidator(MinimumLengthValidator):
    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(f"密码太短，至少需要{self.min_length}个字符（现为{len(password)}个）。",
                                  code="password_too_short", params={"min_length": self.min_length})

    def get_help_text(self):
        return f"密码至少{self.min_length}个字符。"
